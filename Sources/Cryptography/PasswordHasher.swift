internal import COpenSSL

/// Password hashing with scrypt (RFC 7914).
///
/// Hashes are self-describing strings `scrypt$ln=15,r=8,p=1$<salt>$<hash>`, where `ln` is log2(N) and
/// salt (16 random bytes) and hash (32 bytes) are standard padded Base64. Passwords are hashed as their
/// UTF-8 bytes, without Unicode normalization.
///
/// Cost: with the defaults (N = 2^15, r = 8, p = 1, 32 MiB of memory) one hash or verify took
/// 105–130 ms on the 2-core AMD EPYC Debian 12 build machine when idle (OpenSSL 3.0.x; up to ~250 ms
/// while the host was busy). Each call holds one core for that long, so run it off latency-sensitive executors.
public enum PasswordHasher {
    /// log2 of the default CPU/memory cost N.
    private static let defaultLogN: UInt64 = 15
    /// Default block size r.
    private static let defaultR: UInt64 = 8
    /// Default parallelism p.
    private static let defaultP: UInt64 = 1
    private static let saltLength = 16
    private static let hashLength = 32
    /// Memory ceiling passed to OpenSSL for every derivation; parameters needing more fail with `kdfFailed`.
    private static let maximumMemory: UInt64 = 256 * 1024 * 1024

    /// A well-formed hash with the default parameters whose preimage is unknown, for `verifyDummy(password:)`.
    private static let dummyHash = encode(
        logN: defaultLogN, r: defaultR, p: defaultP,
        salt: [UInt8](repeating: 0, count: saltLength),
        hash: [UInt8](repeating: 0, count: hashLength)
    )

    /// Hashes `password` with a fresh random salt and the default parameters.
    ///
    /// Deriving needs 32 MiB; if OpenSSL cannot run the KDF (e.g. out of memory) the process stops with `fatalError`.
    public static func hash(password: String) -> String {
        let salt = SecureRandom.bytes(saltLength)
        do {
            let hash = try scrypt(
                password: Array(password.utf8), salt: salt,
                n: 1 << defaultLogN, r: defaultR, p: defaultP, length: hashLength
            )
            return encode(logN: defaultLogN, r: defaultR, p: defaultP, salt: salt, hash: hash)
        } catch {
            fatalError("PasswordHasher: scrypt failed with default parameters: \(error)")
        }
    }

    /// Returns whether `password` matches `encoded` (a string produced by `hash(password:)`), comparing in
    /// constant time. Malformed or unsupported strings return `false`.
    public static func verify(password: String, against encoded: String) -> Bool {
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4, fields[0] == "scrypt" else { return false }
        let parameters = fields[1].split(separator: ",", omittingEmptySubsequences: false)
        guard parameters.count == 3,
              let logN = value(of: "ln", in: parameters[0]), (1...30).contains(logN),
              let r = value(of: "r", in: parameters[1]), r >= 1,
              let p = value(of: "p", in: parameters[2]), (1...16).contains(p),
              let salt = Base64.decode(fields[2]), !salt.isEmpty,
              let expected = Base64.decode(fields[3]), (16...64).contains(expected.count),
              let actual = try? scrypt(
                  password: Array(password.utf8), salt: salt, n: 1 << logN, r: r, p: p, length: expected.count
              )
        else { return false }
        return ConstantTime.equals(actual, expected)
    }

    /// Spends the same time as verifying against a real default-parameter hash, then discards the result.
    ///
    /// Call it when a login names an unknown account so response times do not reveal which accounts exist.
    public static func verifyDummy(password: String) {
        _ = verify(password: password, against: dummyHash)
    }

    /// Derives `length` bytes with raw scrypt (RFC 7914) via OpenSSL's `EVP_PBE_scrypt`.
    ///
    /// - Parameters:
    ///   - n: CPU/memory cost, a power of two greater than 1.
    ///   - r: Block size.
    ///   - p: Parallelism.
    /// - Throws: `CryptographyError.malformedInput` if `length` is not positive; `CryptographyError.kdfFailed`
    ///   if OpenSSL rejects the parameters or they need more than 256 MiB of memory.
    public static func scrypt(
        password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int
    ) throws(CryptographyError) -> [UInt8] {
        guard length > 0 else { throw .malformedInput }
        var key = [UInt8](repeating: 0, count: length)
        let status = password.withUnsafeBytes { password in
            EVP_PBE_scrypt(
                password.baseAddress?.assumingMemoryBound(to: CChar.self), password.count,
                salt, salt.count, n, r, p, maximumMemory, &key, length
            )
        }
        guard status == 1 else { throw .kdfFailed }
        return key
    }

    private static func encode(logN: UInt64, r: UInt64, p: UInt64, salt: [UInt8], hash: [UInt8]) -> String {
        "scrypt$ln=\(logN),r=\(r),p=\(p)$\(Base64.encode(salt))$\(Base64.encode(hash))"
    }

    /// Parses `name=<decimal>` into its value, or `nil`.
    private static func value(of name: String, in field: Substring) -> UInt64? {
        let parts = field.split(separator: "=", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0] == name else { return nil }
        return UInt64(parts[1])
    }
}
