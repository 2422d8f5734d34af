import Foundation

/// A UUID's lowercase hyphenated text, written byte by byte (`UUID.uuidString` goes through `printf` on Linux,
/// which showed in the profile of the webhooks list).
enum UUIDText {
    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// Appends the 36 characters of `uuid`, e.g. `123e4567-e89b-12d3-a456-426614174000`, to `out`.
    static func appendLowercase(_ uuid: UUID, to out: inout [UInt8]) {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0x0F)])
            }
        }
    }
}
