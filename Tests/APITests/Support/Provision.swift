import Foundation
import TestSupport

/// Provisioning over the admin endpoints, and reading error answers, for the in-process endpoint tests.
enum Provision {
    /// The header carrying the test service's admin token.
    static let adminHeaders = [("Authorization", "Bearer \(APIService.adminToken)")]

    /// Creates a tenant with its owner over `POST /api/v1/admin/tenants`; returns the tenant's id.
    static func tenant(_ service: APIService, name: String = "Second", plan: String = "free", email: String,
                       password: String) throws -> String {
        let response = try service.request("POST", "/api/v1/admin/tenants", json: [
            "name": name, "plan": plan, "owner": ["email": email, "password": password],
        ], headers: adminHeaders)
        guard response.status == 201, let tenant = response.json?["tenant"] as? [String: Any],
              let id = tenant["id"] as? String
        else { throw ProvisionError("create tenant: \(response.status) \(response.text)") }
        return id
    }

    /// Adds a user over `POST /api/v1/admin/tenants/{tenantId}/users`; returns the user's id.
    static func user(_ service: APIService, tenantId: String, email: String, password: String,
                     role: String) throws -> String {
        let response = try service.request("POST", "/api/v1/admin/tenants/\(tenantId)/users", json: [
            "email": email, "password": password, "role": role,
        ], headers: adminHeaders)
        guard response.status == 201, let id = response.json?["id"] as? String else {
            throw ProvisionError("add user: \(response.status) \(response.text)")
        }
        return id
    }

    /// Sets a tenant's billing over `PUT /api/v1/admin/tenants/{tenantId}/subscription`.
    static func subscription(_ service: APIService, tenantId: String,
                             _ body: [String: Any]) throws -> TestHTTPClient.Response {
        try service.request("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", json: body, headers: adminHeaders)
    }

    /// Sends `body` as it is, with `contentType`, to an endpoint.
    static func raw(_ service: APIService, _ method: String, _ path: String, body: String,
                    contentType: String? = "application/json",
                    headers: [(String, String)]) throws -> TestHTTPClient.Response {
        var all = headers
        if let contentType { all.append(("Content-Type", contentType)) }
        return try service.client().send(method: method, path: path, headers: all, body: Array(body.utf8))
    }

    /// The `error.code` of an error answer.
    static func code(_ response: TestHTTPClient.Response) -> String? {
        (response.json?["error"] as? [String: Any])?["code"] as? String
    }

    /// The `error.field` of an error answer.
    static func field(_ response: TestHTTPClient.Response) -> String? {
        (response.json?["error"] as? [String: Any])?["field"] as? String
    }
}

/// A provisioning step that did not answer as expected.
struct ProvisionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
