import Cryptography

/// Encrypts webhook secrets and credential header values at rest with AES-256-GCM under the deployment's master
/// key. The webhook's id is the associated data, so a ciphertext copied onto another row does not open.
public struct SecretCipher: Sendable {
    private let cipher: AES256GCM

    /// Creates a cipher from the 32-byte master key.
    public init(masterKey: [UInt8]) throws(SecretCipherError) {
        do {
            cipher = try AES256GCM(key: masterKey)
        } catch {
            throw .invalidKey
        }
    }

    /// Encrypts `secret` for the webhook `webhookId`.
    public func seal(_ secret: String, webhookId: String) -> [UInt8] {
        cipher.seal(Array(secret.utf8), associatedData: Array(webhookId.lowercased().utf8))
    }

    /// Decrypts a secret sealed for `webhookId`.
    public func open(_ ciphertext: [UInt8], webhookId: String) throws(SecretCipherError) -> String {
        do {
            let plaintext = try cipher.open(ciphertext, associatedData: Array(webhookId.lowercased().utf8))
            return String(decoding: plaintext, as: UTF8.self)
        } catch {
            throw .cannotDecrypt
        }
    }
}

/// Why a secret could not be sealed or opened.
public enum SecretCipherError: Error, Equatable {
    /// The master key is not 32 bytes.
    case invalidKey
    /// The ciphertext is damaged or was sealed under another key or for another webhook.
    case cannotDecrypt
}
