"""examples/notebook.ipynb runs top to bottom (so it cannot rot)."""

from __future__ import annotations

import pytest

from conftest import REPO

NOTEBOOK = REPO / "examples" / "notebook.ipynb"


def test_example_notebook_executes_and_renders_results():
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<mark>" in h and "pressespiegel-results" in h for h in html), "no results table"
    assert any("image/png" in o.get("data", {}) for o in outputs), "no chart"
    assert not any(o.get("output_type") == "error" for o in outputs)
