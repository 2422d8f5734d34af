import Synchronization
import WebhookCore

/// Webhook secrets (and sealed custom header values) already decrypted, by webhook and ciphertext, so that a busy webhook's secret is opened once
/// instead of for every attempt (AES-GCM set-up and all). A new or rotated secret has a new ciphertext and so a new
/// entry; the whole cache is emptied once it holds ``capacity`` entries, which bounds its memory.
final class OpenedSecrets: Sendable {
    private struct Key: Hashable {
        let webhookId: String
        let ciphertext: [UInt8]
    }

    /// The most secrets kept.
    let capacity: Int
    private let entries = Mutex<[Key: String]>([:])

    /// An empty cache of at most `capacity` secrets.
    init(capacity: Int = 4_096) {
        self.capacity = max(1, capacity)
    }

    /// The plaintext of `ciphertext`, the secret of webhook `webhookId`, opened with `cipher` unless it was before.
    func open(_ ciphertext: [UInt8], webhookId: String, with cipher: SecretCipher) throws(SecretCipherError) -> String {
        let key = Key(webhookId: webhookId, ciphertext: ciphertext)
        if let known = entries.withLock({ $0[key] }) { return known }
        let secret = try cipher.open(ciphertext, webhookId: webhookId)
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = secret
        }
        return secret
    }
}
