//! `wasm-split-cli` splits the linked app by following the linker's relocations, which
//! wasm-ld keeps in the output only when asked.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_FAMILY").as_deref() == Ok("wasm") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
