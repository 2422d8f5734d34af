import Foundation
import WebhookCore

/// A request body parsed as a JSON object, with typed reads that answer wrong types and unknown fields with a
/// 400 naming the field. Every string read refuses control characters (422 `invalid_field` naming the field; see
/// ``ControlCharacters``), so no handler can forget to. `nil` from a read means the field is absent; JSON `null`
/// counts as absent too, except where ``isNull(_:)`` is asked.
struct JSONObject {
    private let values: [String: Any]
    private let path: String

    /// Parses `body`; answers 400 `malformed_json` or `invalid_body` for anything but a JSON object.
    init(body: [UInt8]) throws(APIError) {
        guard !body.isEmpty else {
            throw APIError(.badRequest, code: "invalid_body", message: "The request body must be a JSON object.")
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: Data(body), options: [])
        } catch {
            throw APIError(.badRequest, code: "malformed_json", message: "The request body is not valid JSON.")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError(.badRequest, code: "invalid_body", message: "The request body must be a JSON object.")
        }
        self.init(values: object, path: "")
    }

    private init(values: [String: Any], path: String) {
        self.values = values
        self.path = path
    }

    /// Refuses fields outside `allowed`, naming the first unknown one.
    func rejectUnknownFields(_ allowed: Set<String>) throws(APIError) {
        if let unknown = values.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(.badRequest, code: "unknown_field", message: "Unknown field \"\(unknown.prefix(100))\".",
                           field: fieldName(unknown))
        }
    }

    /// Whether the field is present with JSON `null`.
    func isNull(_ key: String) -> Bool {
        values[key].map(Self.isNull) ?? false
    }

    /// Whether the field is present at all.
    func contains(_ key: String) -> Bool { values[key] != nil }

    /// A string field of at most `maxLength` characters.
    func string(_ key: String, maxLength: Int = 10_000) throws(APIError) -> String? {
        guard let value = present(key) else { return nil }
        guard let string = value as? String else { throw typeError(key, "a string") }
        guard string.count <= maxLength else {
            throw APIError(.badRequest, code: "too_long", message: "Must be at most \(maxLength) characters.", field: fieldName(key))
        }
        try Self.refuseControlCharacters(string, field: fieldName(key))
        return string
    }

    /// A boolean field.
    func bool(_ key: String) throws(APIError) -> Bool? {
        guard let value = present(key) else { return nil }
        guard let number = value as? NSNumber, Self.isBoolean(number) else { throw typeError(key, "true or false") }
        return number.boolValue
    }

    /// An integer field (a JSON number without fraction that fits in 53 bits).
    func integer(_ key: String) throws(APIError) -> Int? {
        guard let value = present(key) else { return nil }
        guard let integer = Self.integer(value) else { throw typeError(key, "an integer") }
        return integer
    }

    /// An array of integers, each as ``integer(_:)`` reads one.
    func integers(_ key: String, maxCount: Int = 1_000) throws(APIError) -> [Int]? {
        guard let value = present(key) else { return nil }
        guard let array = value as? [Any], array.count <= maxCount else { throw typeError(key, "an array of at most \(maxCount) integers") }
        var integers: [Int] = []
        for (index, element) in array.enumerated() {
            guard let integer = Self.integer(element) else { throw typeError("\(key)[\(index)]", "an integer") }
            integers.append(integer)
        }
        return integers
    }

    /// An array of strings.
    func strings(_ key: String, maxCount: Int = 1_000, maxLength: Int = 1_000) throws(APIError) -> [String]? {
        guard let value = present(key) else { return nil }
        guard let array = value as? [Any], array.count <= maxCount else { throw typeError(key, "an array of at most \(maxCount) strings") }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard let string = element as? String, string.count <= maxLength else {
                throw typeError("\(key)[\(index)]", "a string of at most \(maxLength) characters")
            }
            try Self.refuseControlCharacters(string, field: fieldName("\(key)[\(index)]"))
            strings.append(string)
        }
        return strings
    }

    /// An object whose values are all strings, as ordered (name, value) pairs sorted by name. Values may hold tabs
    /// (they become HTTP field values).
    func stringMap(_ key: String, maxCount: Int = 100) throws(APIError) -> [(String, String)]? {
        guard let value = present(key) else { return nil }
        guard let object = value as? [String: Any], object.count <= maxCount else {
            throw typeError(key, "an object of at most \(maxCount) string values")
        }
        var pairs: [(String, String)] = []
        for name in object.keys.sorted() {
            guard let string = object[name] as? String else { throw typeError("\(key).\(name)", "a string") }
            try Self.refuseControlCharacters(name, field: fieldName(key))
            try Self.refuseControlCharacters(string, field: fieldName("\(key).\(name)"), allowingTab: true)
            pairs.append((name, string))
        }
        return pairs
    }

    /// A nested object.
    func object(_ key: String) throws(APIError) -> JSONObject? {
        guard let value = present(key) else { return nil }
        guard let object = value as? [String: Any] else { throw typeError(key, "an object") }
        return JSONObject(values: object, path: fieldName(key))
    }

    /// A required value: `read` returned `nil`, so answer 400 `missing_field`.
    func require<T>(_ key: String, _ value: T?) throws(APIError) -> T {
        guard let value else {
            throw APIError(.badRequest, code: "missing_field", message: "This field is required.", field: fieldName(key))
        }
        return value
    }

    /// Answers 422 `invalid_field` naming `field` when `text` holds a control character; the one check of every
    /// text input, query parameters included.
    static func refuseControlCharacters(_ text: String, field: String, allowingTab: Bool = false) throws(APIError) {
        guard let scalar = ControlCharacters.first(in: text, allowingTab: allowingTab) else { return }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        throw APIError(.unprocessableContent, code: "invalid_field",
                       message: "Must not contain control characters (found \(code)).", field: field)
    }

    private func present(_ key: String) -> Any? {
        guard let value = values[key], !Self.isNull(value) else { return nil }
        return value
    }

    private func fieldName(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private func typeError(_ key: String, _ expected: String) -> APIError {
        APIError(.badRequest, code: "invalid_type", message: "Must be \(expected).", field: fieldName(key))
    }

    /// Whether a parsed value is JSON `null`: a comparison of dynamic types, since `is NSNull` would first try to
    /// bridge a nested dictionary or array.
    private static func isNull(_ value: Any) -> Bool {
        ObjectIdentifier(type(of: value)) == ObjectIdentifier(NSNull.self)
    }

    /// `value` as an integer: a JSON number without fraction that fits in 53 bits, not a boolean.
    private static func integer(_ value: Any) -> Int? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let double = number.doubleValue
        guard double.rounded() == double, abs(double) <= 9_007_199_254_740_991 else { return nil }
        return Int(double)
    }

    /// JSONSerialization gives booleans as NSNumber of Objective-C type `c`.
    private static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }
}
