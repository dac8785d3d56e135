//! Actor, country and organisation recognition (gazetteer based).
