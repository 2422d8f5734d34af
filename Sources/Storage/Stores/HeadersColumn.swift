import Foundation
import WebhookCore

/// The `headers` column of `webhooks` (jsonb): a webhook's custom headers, written as `[{"name": …, "value": …}]`
/// in order. Read once per row, into ``WebhookHeader`` values, for the API and for every attempt alike.
enum HeadersColumn {
    /// The column's JSON text for `headers`, in order.
    static func text(_ headers: [WebhookHeader]) -> String {
        let objects = headers.map { ["name": $0.name, "value": $0.value] }
        guard let data = try? JSONSerialization.data(withJSONObject: objects) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The headers in the column's text: the array ``text(_:)`` writes, in order, or an object of name to value
    /// (the column's default `{}`, or a row written by hand), in name order; entries that are not strings are
    /// skipped, and anything else gives none.
    static func headers(fromText text: String) -> [WebhookHeader] {
        guard text != "[]", text != "{}", !text.isEmpty else { return [] }
        let json = try? JSONSerialization.jsonObject(with: Data(text.utf8))
        if let array = json as? [[String: Any]] {
            return array.compactMap { entry in
                guard let name = entry["name"] as? String, let value = entry["value"] as? String else { return nil }
                return WebhookHeader(name: name, value: value)
            }
        }
        if let object = json as? [String: Any] {
            return object.keys.sorted().compactMap { name in
                (object[name] as? String).map { WebhookHeader(name: name, value: $0) }
            }
        }
        return []
    }
}
