//! The chip text block: `parse_text_block` on the input as given (any length), and on the input
//! cut or zero-padded to the 256 bytes a block has (so that most inputs reach the field
//! decoders); when a block parses, `card_checks` at the fixtures' read time (2026-06-01 08:00
//! CST) and, if the input is longer than a block, at the Unix time in its next 8 bytes.
//!
//! Invariants: CARD_CONSISTENCY runs exactly when CARD_NUMBER passed; CARD_NUMBER passes only
//! for a valid number of the layout's kind; a block of another length is LENGTH; a failed card
//! check names one of its declared reasons.
#![no_main]

use cnid_verify::core::chip::{parse_text_block, ChipCard, ChipErrorCode, TEXT_BLOCK_LEN};
use cnid_verify::core::dump::card::card_checks;
use cnid_verify::core::dump::{CheckId, Outcome, Verdict};
use cnid_verify::core::i18n::Locale;
use cnid_verify::core::number::rebuild_fpr15;
use libfuzzer_sys::fuzz_target;

/// readAt of the dump fixtures: 2026-06-01T00:00:00Z.
const READ_AT: i64 = 1_780_272_000;

/// A check's message (both languages; the Chinese one returned); a failure must carry one of the
/// reasons its check declares.
fn message(id: CheckId, o: &Outcome) -> String {
    match o {
        Ok(v @ Verdict::Passed(_)) => {
            assert!(!v.message(Locale::En).is_empty());
            v.message(Locale::ZhCn)
        }
        Ok(v @ Verdict::Skipped(_)) => panic!("{id} skipped itself: {}", v.message(Locale::En)),
        Err(f) => {
            assert!(id.reasons().contains(&f.reason), "{id} failed with undeclared reason {}", f.reason);
            assert!(!f.message(Locale::En).is_empty());
            f.message(Locale::ZhCn)
        }
    }
}

fn checks(card: &ChipCard, read_at: i64) {
    let c = card_checks(card, read_at, Locale::ZhCn);
    assert_eq!(c.consistency.is_some(), c.number.is_ok(), "CARD_CONSISTENCY runs iff CARD_NUMBER passed");
    if c.number.is_ok() {
        assert!(c.number_report.ok, "CARD_NUMBER passed for an invalid number {:?}", card.number);
        assert_eq!(c.number_report.kind, Some(card.layout.number_kind()));
    }
    assert!(!message(CheckId::CardNumber, &c.number).is_empty());
    assert!(!message(CheckId::CardValidity, &c.validity).is_empty());
    if let Some(o) = &c.consistency {
        assert!(!message(CheckId::CardConsistency, o).is_empty());
    }
}

fn parse(block: &[u8], read_at: Option<i64>) {
    match parse_text_block(block) {
        Ok(card) => {
            assert_eq!(block.len(), TEXT_BLOCK_LEN);
            assert_eq!(card.old_number_rebuilt, card.old_number.is_some());
            if let (Some(nat), Some(item)) = (&card.nationality, &card.association_item) {
                assert_eq!(rebuild_fpr15(&card.number, nat, item), card.old_number);
            }
            checks(&card, READ_AT);
            if let Some(t) = read_at {
                checks(&card, t);
            }
            let _ = format!("{card:?}");
        }
        Err(e) => {
            if block.len() != TEXT_BLOCK_LEN {
                assert_eq!(e.code, ChipErrorCode::Length);
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    parse(data, None);
    if data.len() != TEXT_BLOCK_LEN {
        let mut block = [0u8; TEXT_BLOCK_LEN];
        let n = data.len().min(TEXT_BLOCK_LEN);
        block[..n].copy_from_slice(&data[..n]);
        let read_at =
            data.get(TEXT_BLOCK_LEN..TEXT_BLOCK_LEN + 8).map(|b| i64::from_be_bytes(b.try_into().expect("8 bytes")));
        parse(&block, read_at);
    }
});
