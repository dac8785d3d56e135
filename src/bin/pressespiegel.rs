//! The pressespiegel command-line tool.
fn main() {}
