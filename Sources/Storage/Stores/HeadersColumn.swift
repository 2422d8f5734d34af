import Foundation
import WebhookCore

/// The `headers` column of `webhooks` (jsonb): a webhook's custom headers, written in order as
/// `[{"name": …, "value": …}]`, a sealed (sensitive) one as `{"name": …, "sealed": "<base64 of the ciphertext>"}`.
/// Read once per row, into ``WebhookHeader`` values, for the API and for every attempt alike.
enum HeadersColumn {
    /// The column's JSON text for `headers`, in order.
    static func text(_ headers: [WebhookHeader]) -> String {
        let objects = headers.map { header in
            header.sealedValue.map { ["name": header.name, "sealed": Data($0).base64EncodedString()] }
                ?? ["name": header.name, "value": header.value]
        }
        guard let data = try? JSONSerialization.data(withJSONObject: objects) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The headers in the column's text: the array ``text(_:)`` writes, in order, or an object of name to value
    /// (the column's default `{}`, or a row written by hand), in name order; entries that are not strings are
    /// skipped, and anything else gives none. A value in clear whose name is a credential (written before values
    /// were sealed) reads as sensitive, so it is masked and sealed when the webhook is next saved.
    static func headers(fromText text: String) -> [WebhookHeader] {
        guard text != "[]", text != "{}", !text.isEmpty else { return [] }
        let json = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        if let array = json as? [[String: Any]] {
            return array.compactMap { entry in
                guard let name = entry["name"] as? String else { return nil }
                if let sealed = entry["sealed"] as? String {
                    return Data(base64Encoded: sealed).map { WebhookHeader(name: name, sealedValue: Array($0)) }
                }
                return (entry["value"] as? String).map(plain(name))
            }
        }
        if let object = json as? [String: Any] {
            return object.keys.sorted().compactMap { name in (object[name] as? String).map(plain(name)) }
        }
        return []
    }

    private static func plain(_ name: String) -> (String) -> WebhookHeader {
        { WebhookHeader(name: name, value: $0, isSensitive: WebhookHeader.isCredential(name: name)) }
    }
}
