import Foundation
import Postgres

/// The opaque pagination cursor of the delivery log: the `(created_at, id)` of the last row of a page, in
/// base64url. `created_at` travels as the database's own timestamp text, so the keyset comparison is exact to the
/// microsecond.
struct DeliveryLogCursor: Equatable {
    /// The last row's `created_at`, as PostgreSQL printed it.
    let createdAt: String
    /// The last row's id.
    let id: UUID

    private static let version = "d1"

    /// The cursor as a URL-safe string.
    var encoded: String {
        Data("\(Self.version)|\(createdAt)|\(id.uuidString.lowercased())".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Creates a cursor for a row.
    init(createdAt: String, id: UUID) {
        self.createdAt = createdAt
        self.id = id
    }

    /// Decodes a cursor this type encoded.
    init(encoded: String) throws(DeliveryLogError) {
        guard encoded.count <= 200,
              encoded.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
        else { throw .invalidCursor }
        var base64 = encoded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else {
            throw .invalidCursor
        }
        let parts = text.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == Self.version,
              Date(postgresText: String(parts[1])) != nil,
              let id = UUID(uuidString: String(parts[2]))
        else { throw .invalidCursor }
        self.createdAt = String(parts[1])
        self.id = id
    }
}
