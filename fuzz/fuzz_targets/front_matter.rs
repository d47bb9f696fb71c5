//! Fuzz target `front_matter`: see planpub::fuzz::front_matter and docs/fuzzing.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| planpub::fuzz::front_matter(data));
