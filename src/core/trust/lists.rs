//! The store side of signed trust lists (docs/spec/trust-list.md §4): which lists a store holds,
//! replacing a list's material by its newer version, and the list a signer came from. Verifying a
//! list and the rollback rules are in core/dump/trust_list.rs.

use serde::Serialize;

use super::*;

/// A trust list a signer came from (a dump report's `signer.trustList`).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListRef {
    pub id: String,
    #[cfg_attr(test, ts(type = "number"))]
    pub sequence: u64,
}

/// What accepting a list changed in the store (also the counts of `addTrustList`'s result).
#[cfg_attr(test, derive(ts_rs::TS))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListChanges {
    /// The store already held this very version: nothing changed.
    pub unchanged: bool,
    pub keys_added: usize,
    pub keys_removed: usize,
    pub anchors_added: usize,
    pub anchors_removed: usize,
    /// Revocation entries that were new to the store.
    pub revocations_added: usize,
}

/// What accepting a list did to the store.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TrustListOutcome {
    pub changes: ListChanges,
    pub warnings: Vec<Note>,
}

impl TrustStore {
    /// The version of list `id` the store holds.
    pub fn held_list(&self, id: &str) -> Option<&HeldList> {
        self.lists.get(id)
    }

    /// The list (of the lists that vouch for it, the first by id) a key or anchor came from, or
    /// `None` when the app added it itself.
    pub(crate) fn list_of(&self, origin: &Origin) -> Option<ListRef> {
        if origin.by_app {
            return None;
        }
        let id = origin.lists.iter().next()?;
        Some(ListRef { id: id.clone(), sequence: self.lists.get(id)?.sequence })
    }

    /// Where anchor `index` came from.
    pub(crate) fn anchor_origin(&self, index: usize) -> Option<&Origin> {
        self.anchor_origins.get(index)
    }

    /// Replaces list `id` (all or nothing): a copy of the store without the material only `id`
    /// vouched for, `fill` adding the new version's material to it, then the copy takes this
    /// store's place (its caches included). When `fill` fails, this store is unchanged.
    pub fn replace_list<F>(&mut self, id: &str, held: HeldList, fill: F) -> Result<TrustListOutcome, TrustError>
    where
        F: FnOnce(&mut TrustStore) -> Result<Vec<Note>, TrustError>,
    {
        let mut next = self.material_without(id);
        let keys_removed = self.keys.len() - next.keys.len();
        let anchors_removed = self.anchors.len() - next.anchors.len();
        let revocations_before = next.revocation_count();
        let warnings = fill(&mut next)?;
        next.lists.insert(id.to_owned(), held);
        let changes = ListChanges {
            unchanged: false,
            // Net of what the new version carries again.
            keys_added: (next.keys.len() + keys_removed).saturating_sub(self.keys.len()),
            keys_removed: self.keys.len().saturating_sub(next.keys.len()),
            anchors_added: (next.anchors.len() + anchors_removed).saturating_sub(self.anchors.len()),
            anchors_removed: self.anchors.len().saturating_sub(next.anchors.len()),
            revocations_added: next.revocation_count() - revocations_before,
        };
        let outcome = TrustListOutcome { changes, warnings };
        next.link_cache = std::mem::take(&mut self.link_cache);
        next.cert_cache = std::mem::take(&mut self.cert_cache);
        *self = next;
        Ok(outcome)
    }

    fn revocation_count(&self) -> usize {
        self.revoked_kids.order.len()
            + self.revoked_serials.order.len()
            + self.revoked_keys.order.len()
            + self.revoked_thumbprints.order.len()
    }

    /// A copy of the store's material and revocations, without what only list `id` vouched for
    /// (fresh caches; the indexes rebuilt).
    fn material_without(&self, id: &str) -> TrustStore {
        let mut next = TrustStore {
            revoked_kids: self.revoked_kids.clone(),
            revoked_serials: self.revoked_serials.clone(),
            revoked_serial_infos: self.revoked_serial_infos.clone(),
            revoked_keys: self.revoked_keys.clone(),
            revoked_thumbprints: self.revoked_thumbprints.clone(),
            lists: self.lists.clone(),
            ..TrustStore::default()
        };
        for key in &self.keys {
            let mut key = key.clone();
            key.origin.lists.remove(id);
            if key.origin.by_app || !key.origin.lists.is_empty() {
                next.index_key(key);
            }
        }
        for (cert, origin) in self.anchors.iter().zip(&self.anchor_origins) {
            let mut origin = origin.clone();
            origin.lists.remove(id);
            if origin.by_app || !origin.lists.is_empty() {
                next.index_anchor(cert.clone(), origin);
            }
        }
        next
    }

    /// Revokes a key by its RFC 7638 SHA-256 thumbprint, on every path (trust-list key 9).
    pub fn revoke_thumbprint(&mut self, digest: &[u8; 32]) -> Result<bool, TrustError> {
        self.revoked_thumbprints.insert_bounded(digest, E::RevokedKeysFull)
    }

    /// Revokes a serial (big-endian bytes) under an issuer given as a DER certificate.
    pub fn revoke_serial_bytes(&mut self, issuer_der: &[u8], serial: &[u8]) -> Result<bool, TrustError> {
        let issuer = x509::parse_single_certificate(issuer_der, E::NotOneIssuerCertificate)?;
        let start = serial.iter().position(|&b| b != 0).unwrap_or(serial.len().saturating_sub(1));
        let magnitude = serial.get(start..).unwrap_or(&[]);
        self.insert_serial(Some(&issuer.subject_der), magnitude, Some(issuer.info.subject.clone()))
    }
}
