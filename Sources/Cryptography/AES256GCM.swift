internal import COpenSSL

/// AES-256 in Galois/Counter Mode (NIST SP 800-38D): authenticated encryption with associated data.
///
/// Sealed messages are laid out as `nonce (12 bytes) || ciphertext || tag (16 bytes)`.
/// Every `seal` draws a fresh random nonce; with random 96-bit nonces, keep it well under 2^32 messages per key.
public struct AES256GCM: Sendable {
    /// The key length in bytes.
    public static let keyLength = 32
    /// The nonce length in bytes.
    public static let nonceLength = 12
    /// The authentication tag length in bytes.
    public static let tagLength = 16

    /// The AES-256-GCM implementation, fetched once and shared; fetched algorithms are immutable and thread-safe.
    private nonisolated(unsafe) static let algorithm: OpaquePointer = {
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
            fatalError("AES256GCM: OpenSSL provides no AES-256-GCM")
        }
        return cipher
    }()

    private let key: [UInt8]

    /// Creates a cipher with a 32-byte key.
    /// - Throws: `CryptographyError.invalidKeyLength` if `key` is not 32 bytes.
    public init(key: [UInt8]) throws(CryptographyError) {
        guard key.count == Self.keyLength else { throw .invalidKeyLength }
        self.key = key
    }

    /// Encrypts and authenticates `plaintext` (and authenticates `associatedData`) under a fresh random nonce.
    /// - Returns: `nonce (12) || ciphertext || tag (16)`.
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) -> [UInt8] {
        seal(plaintext, validNonce: SecureRandom.bytes(Self.nonceLength), associatedData: associatedData)
    }

    /// Encrypts with an explicit nonce, for known-answer tests. Never reuse a nonce with the same key.
    /// - Returns: `nonce (12) || ciphertext || tag (16)`.
    /// - Throws: `CryptographyError.malformedInput` if `nonce` is not 12 bytes.
    func seal(_ plaintext: [UInt8], nonce: [UInt8], associatedData: [UInt8] = []) throws(CryptographyError) -> [UInt8] {
        guard nonce.count == Self.nonceLength else { throw .malformedInput }
        return seal(plaintext, validNonce: nonce, associatedData: associatedData)
    }

    /// Verifies and decrypts a message produced by `seal`.
    /// - Throws: `CryptographyError.malformedInput` if `sealed` is shorter than a nonce and a tag;
    ///   `CryptographyError.authenticationFailed` if the key, nonce, ciphertext, tag or associated data do not match.
    public func open(_ sealed: [UInt8], associatedData: [UInt8] = []) throws(CryptographyError) -> [UInt8] {
        guard sealed.count >= Self.nonceLength + Self.tagLength else { throw .malformedInput }
        let tagStart = sealed.count - Self.tagLength
        let ciphertext = Array(sealed[Self.nonceLength..<tagStart])
        var tag = Array(sealed[tagStart...])
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        let nonce = Array(sealed[..<Self.nonceLength])
        let authentic = withContext(encrypting: false, nonce: nonce, associatedData: associatedData) { context in
            var finalBlock = [UInt8](repeating: 0, count: 16)  // GCM's final step emits no bytes; just a valid pointer.
            var finalCount: Int32 = 0
            return Self.update(context, ciphertext, into: &plaintext)
                && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(Self.tagLength), &tag) == 1
                && EVP_DecryptFinal_ex(context, &finalBlock, &finalCount) == 1
        }
        guard authentic else { throw .authenticationFailed }
        return plaintext
    }

    /// Seals with a nonce already known to be 12 bytes. With valid inputs OpenSSL can only fail here
    /// on memory exhaustion, which is unrecoverable.
    private func seal(_ plaintext: [UInt8], validNonce nonce: [UInt8], associatedData: [UInt8]) -> [UInt8] {
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: Self.tagLength)
        let succeeded = withContext(encrypting: true, nonce: nonce, associatedData: associatedData) { context in
            var finalBlock = [UInt8](repeating: 0, count: 16)  // GCM's final step emits no bytes; just a valid pointer.
            var finalCount: Int32 = 0
            return Self.update(context, plaintext, into: &ciphertext)
                && EVP_EncryptFinal_ex(context, &finalBlock, &finalCount) == 1
                && EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(Self.tagLength), &tag) == 1
        }
        guard succeeded else { fatalError("AES256GCM: OpenSSL encryption failed") }
        return nonce + ciphertext + tag
    }

    /// Runs `body` with a fresh cipher context, keyed with `key` and `nonce`, that has already absorbed
    /// `associatedData`; the context is freed afterwards.
    private func withContext(
        encrypting: Bool,
        nonce: [UInt8],
        associatedData: [UInt8],
        _ body: (OpaquePointer) -> Bool
    ) -> Bool {
        guard let context = EVP_CIPHER_CTX_new() else { return false }
        defer { EVP_CIPHER_CTX_free(context) }
        return EVP_CipherInit_ex2(context, Self.algorithm, key, nonce, encrypting ? 1 : 0, nil) == 1
            && Self.update(context, associatedData, into: nil)
            && body(context)
    }

    /// Feeds `input` to the cipher in chunks that fit OpenSSL's `int` lengths, writing the same number of
    /// bytes to `output` (GCM is a stream mode), or absorbing it as associated data when `output` is `nil`.
    private static func update(
        _ context: OpaquePointer,
        _ input: [UInt8],
        into output: UnsafeMutablePointer<UInt8>?
    ) -> Bool {
        input.withUnsafeBufferPointer { input in
            var offset = 0
            while offset < input.count, let base = input.baseAddress {
                let count = min(input.count - offset, Int(Int32.max))
                var written: Int32 = 0
                let destination = output.map { $0 + offset }
                guard EVP_CipherUpdate(context, destination, &written, base + offset, Int32(count)) == 1 else {
                    return false
                }
                offset += count
            }
            return true
        }
    }
}
