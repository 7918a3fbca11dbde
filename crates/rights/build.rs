//! Compresses the directory of organisations and the two fonts into the
//! build's output folder, from which the library includes them.
//!
//! The files are kept readable in the repository (a diff of the directory
//! shows which records changed) and small in the app: deflated, they add a
//! third of their size. The fonts stay zlib streams in the library, exactly
//! as a PDF embeds them (`/FlateDecode`), so a letter copies them as they are.

use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for (src, dst) in [
        ("data/directory.tsv", "directory.tsv.z"),
        ("fonts/RegieSans.ttf", "RegieSans.ttf.z"),
        ("fonts/RegieSans-Bold.ttf", "RegieSans-Bold.ttf.z"),
    ] {
        println!("cargo:rerun-if-changed={src}");
        let data = std::fs::read(src).unwrap_or_else(|e| panic!("cannot read {src}: {e}"));
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(&data, 9);
        std::fs::write(Path::new(&out).join(dst), packed)
            .unwrap_or_else(|e| panic!("cannot write {dst}: {e}"));
    }
}
