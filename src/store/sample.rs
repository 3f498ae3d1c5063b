//! The bundled sample library, embedded in the binary at build time from assets/library.

include!(concat!(env!("OUT_DIR"), "/sample_library.rs"));

/// The bytes of one sample file, by its path inside the library.
pub fn file(name: &str) -> Option<&'static [u8]> {
    SAMPLE_FILES
        .iter()
        .find(|(path, _)| *path == name)
        .map(|(_, bytes)| *bytes)
}

/// The library's own name for `name`, when a sample file has that path.
pub fn name(name: &str) -> Option<&'static str> {
    SAMPLE_FILES
        .iter()
        .find(|(path, _)| *path == name)
        .map(|(path, _)| *path)
}
