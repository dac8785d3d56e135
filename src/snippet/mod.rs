//! snippet
