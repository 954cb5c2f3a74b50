//! A merchant's program as JSON (the dashboard's save, `--program`): parsed,
//! validated, and, when valid, quoted with a cart and a member.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use treu::engine::program::Program;

fuzz_target!(|data: &[u8]| {
    let Ok(program) = serde_json::from_slice::<Program>(data) else { return };
    let Ok(program) = program.validated() else { return };
    let customer = common::customer();
    common::exercise(&program, &common::cart(), Some(&customer));
    common::exercise(&program, &common::cart(), None);
});
