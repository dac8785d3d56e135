//! Quotation extraction and speaker attribution.
