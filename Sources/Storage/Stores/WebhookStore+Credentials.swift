import Foundation
public import WebhookCore

extension WebhookStore {
    /// Seals the credential header values that webhooks saved before values were sealed still hold in clear (a
    /// header whose name is a credential reads as sensitive, see `HeadersColumn`), so they are encrypted at rest
    /// without waiting for each webhook's next save. A row changed meanwhile is left for the next run. Returns how
    /// many webhooks were sealed.
    public func sealCredentialsInClear(with cipher: SecretCipher) throws -> Int {
        // Rows with a value in clear, or written by hand as an object of name to value; the rule is applied below.
        let rows = try connection.query(
            """
            SELECT id, headers::text FROM webhooks
            WHERE headers::text LIKE '%"value"%' OR (jsonb_typeof(headers) = 'object' AND headers <> '{}'::jsonb)
            """)
        var sealed = 0
        for row in rows {
            let id = try row.decode(0, as: UUID.self)
            let text = try row.decode(1, as: String.self)
            let headers = HeadersColumn.headers(fromText: text)
            guard headers.contains(where: { $0.isSensitive && $0.sealedValue == nil }) else { continue }
            let sealedHeaders = headers.map { $0.sealed(with: cipher, webhookId: id.uuidString) }
            sealed += try connection.execute(
                "UPDATE webhooks SET headers = $2::jsonb WHERE id = $1 AND headers = $3::jsonb",
                [id, HeadersColumn.text(sealedHeaders), text])
        }
        return sealed
    }
}
