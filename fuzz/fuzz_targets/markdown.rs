//! Fuzz target `markdown`: see planpub::fuzz::markdown and docs/fuzzing.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| planpub::fuzz::markdown(data));
