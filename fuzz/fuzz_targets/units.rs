//! Fuzz target `units`: see planpub::fuzz::units and docs/fuzzing.md.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| planpub::fuzz::units(data));
