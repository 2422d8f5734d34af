/// One embedded file of the dashboard, ready to send.
struct DashboardAsset: Sendable {
    /// Its bytes.
    let body: [UInt8]
    /// Its `Content-Type`, from the file's extension.
    let contentType: String
    /// A strong validator of its bytes, quoted as `ETag` wants it.
    let entityTag: String

    init(path: String, text: String) {
        body = Array(text.utf8)
        contentType = Self.contentType(of: path)
        entityTag = "\"\(Self.fingerprint(body))\""
    }

    /// The media type of the extensions the dashboard uses; anything else is sent as opaque bytes.
    static func contentType(of path: String) -> String {
        switch path.split(separator: ".").last {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// 64-bit FNV-1a in hex: enough to tell two versions of a file apart, and needs no cryptography module.
    private static func fingerprint(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
