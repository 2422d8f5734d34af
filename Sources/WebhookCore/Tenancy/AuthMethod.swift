/// How a request proved who it is.
public enum AuthMethod: String, Sendable, CaseIterable, Codable {
    /// A dashboard session token (from `POST /api/v1/auth/login`, in a cookie or a bearer header).
    case session
    /// A tenant's API key (`Authorization: Bearer sk_...`), for server-to-server calls.
    case apiKey
}
