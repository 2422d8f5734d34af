/// Errors thrown by the `Cryptography` module.
public enum CryptographyError: Error, Equatable {
    /// A key had the wrong number of bytes for the algorithm.
    case invalidKeyLength
    /// Authenticated decryption failed: wrong key, wrong associated data, or tampered input.
    case authenticationFailed
    /// The input was structurally invalid (too short, wrong nonce length, bad parameter).
    case malformedInput
    /// The key-derivation function rejected its parameters or failed to run.
    case kdfFailed
}
