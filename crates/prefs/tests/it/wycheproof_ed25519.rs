//! Wycheproof's Ed25519 vectors through `verify_strict`, the check every
//! preference file goes through: every "valid" signature verifies, every
//! "invalid" one is rejected.

use ed25519_dalek::{Signature, VerifyingKey};
use wycheproof::eddsa::{TestName, TestSet};
use wycheproof::TestResult;

#[test]
fn verify_strict_agrees_with_wycheproof() {
    let set = TestSet::load(TestName::Ed25519).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for group in &set.test_groups {
        let pk: [u8; 32] = group.key.pk.as_ref().try_into().unwrap();
        for t in &group.tests {
            let ok = (|| {
                let vk = VerifyingKey::from_bytes(&pk).ok()?;
                let sig = Signature::from_slice(t.sig.as_ref()).ok()?;
                vk.verify_strict(t.msg.as_ref(), &sig).ok()
            })()
            .is_some();
            match t.result {
                TestResult::Valid => {
                    assert!(ok, "valid test {} rejected: {}", t.tc_id, t.comment);
                    valid += 1;
                }
                TestResult::Invalid => {
                    assert!(!ok, "invalid test {} accepted: {}", t.tc_id, t.comment);
                    invalid += 1;
                }
                TestResult::Acceptable => {}
            }
        }
    }
    assert!(
        valid > 50 && invalid > 50,
        "{valid} valid, {invalid} invalid"
    );
}
