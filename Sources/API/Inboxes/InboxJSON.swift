import Foundation
import HTTPServer
import WebhookCore

/// The JSON shapes of test inboxes and their requests, and the reads of their bodies.
enum InboxJSON {
    /// The representation of `inbox`, with its URL on `origin`.
    static func json(_ inbox: Inbox, token: String, origin: String) -> JSON.Value {
        .object([
            "id": .uuid(inbox.id),
            "name": .string(inbox.name),
            "url": .string(origin + "/inbox/" + token),
            "createdAt": .date(inbox.createdAt),
            "expiresAt": .date(inbox.expiresAt),
            "requestCount": .int(inbox.requestCount),
        ])
    }

    /// The representation of a received request: the body as text when it is UTF-8 (a body cut at the limit in
    /// the middle of a character still counts), else base64, as `bodyEncoding` says.
    static func json(_ request: InboxRequest) -> JSON.Value {
        let text = utf8Text(request.body, truncated: request.truncated)
        return .object([
            "id": .uuid(request.id),
            "receivedAt": .date(request.receivedAt),
            "method": .string(request.method),
            "path": .string(request.path),
            "query": .string(request.query),
            "headers": .array(request.headers.map { .array([.string($0.name), .string($0.value)]) }),
            "body": .string(text ?? Data(request.body).base64EncodedString()),
            "bodyEncoding": .string(text == nil ? "base64" : "utf8"),
            "size": .int(request.size),
            "truncated": .bool(request.truncated),
        ])
    }

    /// `bytes` as text if they are UTF-8; a cut body may end in part of a character, which is left out.
    static func utf8Text(_ bytes: [UInt8], truncated: Bool) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        guard truncated else { return nil }
        for cut in 1...3 where bytes.count >= cut {
            if let text = String(validating: bytes.dropLast(cut), as: UTF8.self) { return text }
        }
        return nil
    }

    /// The name of a new inbox from the optional body `{"name"}`; "Inbox" when none is given.
    static func name(from request: HTTPRequest) throws(APIError) -> String {
        guard !request.body.isEmpty else { return "Inbox" }
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["name"])
        if body.isNull("name") {
            throw APIError(.badRequest, code: "invalid_type", message: "Must be a string.", field: "name")
        }
        guard let name = try body.displayName("name") else { return "Inbox" }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw APIError(.unprocessableContent, code: "invalid_field", message: "Must not be blank.", field: "name")
        }
        return trimmed
    }

    /// The body of a signature check, `{"secret", "scheme"?}`: the secret and the schemes to try (all without one).
    static func verification(from request: HTTPRequest) throws(APIError) -> (secret: String, schemes: [SignatureScheme]) {
        let body = try Responses.body(request)
        try body.rejectUnknownFields(["secret", "scheme"])
        let secret = try body.require("secret", body.string("secret", maxLength: 1_024))
        guard secret.unicodeScalars.count <= 1_024 else {
            throw APIError(.badRequest, code: "too_long", message: "Must be at most 1024 characters.", field: "secret")
        }
        guard !secret.isEmpty else {
            throw APIError(.unprocessableContent, code: "invalid_field", message: "Must not be empty.", field: "secret")
        }
        if body.isNull("scheme") {
            throw APIError(.badRequest, code: "invalid_type", message: "Must be a string.", field: "scheme")
        }
        guard let name = try body.string("scheme", maxLength: 100) else { return (secret, SignatureScheme.allCases) }
        guard let scheme = SignatureScheme(rawValue: name) else {
            throw APIError(.unprocessableContent, code: "invalid_field",
                           message: "Must be one of \(SignatureScheme.allCases.map(\.rawValue).joined(separator: ", ")).",
                           field: "scheme")
        }
        return (secret, [scheme])
    }

    /// The `after` cursor of the requests list: a sequence number (digits), 400 `invalid_query` otherwise.
    static func cursor(_ request: HTTPRequest) throws(APIError) -> Int64? {
        guard let text = try Responses.query(request, "after") else { return nil }
        guard text.utf8.count <= 18, !text.isEmpty, text.utf8.allSatisfy({ (48...57).contains($0) }), let value = Int64(text)
        else {
            throw APIError(.badRequest, code: "invalid_query", message: "after must be a cursor from an earlier answer.",
                           field: "after")
        }
        return value
    }
}
