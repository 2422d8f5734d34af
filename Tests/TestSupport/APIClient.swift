import Foundation

/// What the endpoint tests call, whether the API answers from a spawned `webhooksd` (`RunningService`) or from the
/// router in the test process (APITests' `APIService`): one request at a time, and the demo tenant's credentials.
public protocol APIClient {
    /// The demo tenant's credentials (`email`, `password`, `tenantId`, `chatbotId`, `apiKey`).
    var demo: [String: String] { get }

    /// Sends one request and reads its answer.
    func send(method: String, path: String, headers: [(String, String)], body: [UInt8]?) throws -> TestHTTPClient.Response
}

extension APIClient {
    /// Sends one request; `json` is encoded as the body with `Content-Type: application/json`.
    public func request(_ method: String, _ path: String, token: String? = nil, json: Any? = nil,
                        headers: [(String, String)] = []) throws -> TestHTTPClient.Response {
        var allHeaders = headers
        if let token { allHeaders.append(("Authorization", "Bearer \(token)")) }
        var body: [UInt8]?
        if let json {
            body = Array(try JSONSerialization.data(withJSONObject: json))
            allHeaders.append(("Content-Type", "application/json"))
        }
        return try send(method: method, path: path, headers: allHeaders, body: body)
    }

    /// Logs in and returns the session token.
    public func login(email: String, password: String) throws -> String {
        let response = try request("POST", "/api/v1/auth/login", json: ["email": email, "password": password])
        guard response.status == 200, let token = response.json?["token"] as? String else {
            throw TestSupportError("login failed: \(response.status) \(response.text)")
        }
        return token
    }

    /// Logs in as the demo owner.
    public func loginDemo() throws -> String {
        try login(email: demo["email"] ?? "", password: demo["password"] ?? "")
    }
}
