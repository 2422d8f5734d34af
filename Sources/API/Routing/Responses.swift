import Foundation
import HTTPServer
import WebhookCore

/// Small helpers shared by the handlers.
enum Responses {
    /// `value` as a JSON answer: the one way every API answer with a body is built.
    static func json(_ status: HTTPStatus = .ok, _ value: JSON.Value) -> HTTPResponse {
        HTTPResponse.json(status, bytes: JSON.encode(value))
    }

    /// The path parameter `name` as an id; a missing or malformed id is a 404 like an unknown one.
    static func id(_ context: RequestContext, _ name: String, notFound: String) throws(APIError) -> UUID {
        guard let raw = context.parameter(name), raw.utf8.count == 36, let id = UUID(uuidString: raw) else {
            throw APIError.notFound(notFound)
        }
        return id
    }

    /// The decoded query parameter `name`, or nil; 400 `invalid_query` naming it when it holds a control character.
    static func query(_ request: HTTPRequest, _ name: String) throws(APIError) -> String? {
        guard let value = request.queryParameter(name) else { return nil }
        guard !ControlCharacters.occur(in: value) else {
            throw APIError(.badRequest, code: "invalid_query", message: "\(name) must not contain control characters.",
                           field: name)
        }
        return value
    }

    /// Checks that a body-carrying request says it is JSON (415 otherwise).
    static func requireJSONContent(_ request: HTTPRequest) throws(APIError) {
        guard let type = request.headers["Content-Type"]?.lowercased() else {
            if request.body.isEmpty { return }
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type",
                           message: "Send the body as application/json.")
        }
        let mediaType = type.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json")) else {
            throw APIError(.unsupportedMediaType, code: "unsupported_media_type", message: "Send the body as application/json.")
        }
    }

    /// The JSON object body of `request`, after the content-type check.
    static func body(_ request: HTTPRequest) throws(APIError) -> JSONObject {
        try requireJSONContent(request)
        return try JSONObject(body: request.body)
    }
}

extension APIError {
    /// 404 for a resource that does not exist or belongs to another tenant.
    static func notFound(_ what: String) -> APIError {
        APIError(.notFound, code: "not_found", message: "\(what) not found.")
    }
}
