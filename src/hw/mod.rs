//! Layer 3: the rust-hdl hardware blocks, each equal to the golden model bit for bit.
