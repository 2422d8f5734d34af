import Foundation

/// Provisioning over the admin endpoints, and reading error answers, for the endpoint tests (in process or not).
public enum Provision {
    /// The header carrying the test service's admin token.
    public static let adminHeaders = [("Authorization", "Bearer \(RunningService.adminToken)")]

    /// Creates a tenant with its owner over `POST /api/v1/admin/tenants`; returns the tenant's id.
    public static func tenant(_ service: some APIClient, name: String = "Second", plan: String = "free", email: String,
                              password: String) throws -> String {
        let response = try service.request("POST", "/api/v1/admin/tenants", json: [
            "name": name, "plan": plan, "owner": ["email": email, "password": password],
        ], headers: adminHeaders)
        guard response.status == 201, let tenant = response.json?["tenant"] as? [String: Any],
              let id = tenant["id"] as? String
        else { throw TestSupportError("create tenant: \(response.status) \(response.text)") }
        return id
    }

    /// Adds a user over `POST /api/v1/admin/tenants/{tenantId}/users`; returns the user's id.
    public static func user(_ service: some APIClient, tenantId: String, email: String, password: String,
                            role: String) throws -> String {
        let response = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/users", json: [
            "email": email, "password": password, "role": role,
        ], headers: adminHeaders)
        guard response.status == 201, let id = response.json?["id"] as? String else {
            throw TestSupportError("add user: \(response.status) \(response.text)")
        }
        return id
    }

    /// Sets a tenant's billing over `PUT /api/v1/admin/tenants/{tenantId}/subscription`.
    public static func subscription(_ service: some APIClient, tenantId: String,
                                    _ body: [String: Any]) throws -> TestHTTPClient.Response {
        try service.request("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", json: body, headers: adminHeaders)
    }

    /// Sends `body` as it is, with `contentType`, to an endpoint.
    public static func raw(_ service: some APIClient, _ method: String, _ path: String, body: String,
                           contentType: String? = "application/json",
                           headers: [(String, String)]) throws -> TestHTTPClient.Response {
        var all = headers
        if let contentType { all.append(("Content-Type", contentType)) }
        return try service.send(method: method, path: path, headers: all, body: Array(body.utf8))
    }

    /// The `error.code` of an error answer.
    public static func code(_ response: TestHTTPClient.Response) -> String? {
        (response.json?["error"] as? [String: Any])?["code"] as? String
    }

    /// The `error.field` of an error answer.
    public static func field(_ response: TestHTTPClient.Response) -> String? {
        (response.json?["error"] as? [String: Any])?["field"] as? String
    }
}

