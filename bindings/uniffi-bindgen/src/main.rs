//! The project's `uniffi-bindgen`. Building it from the workspace keeps the
//! generator at exactly the UniFFI version the core links: a globally installed
//! generator of another version emits bindings that compile but fail at load time
//! with a checksum or contract-version mismatch.

fn main() {
    uniffi::uniffi_bindgen_main()
}
