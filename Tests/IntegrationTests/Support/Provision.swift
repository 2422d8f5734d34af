import Foundation
import TestSupport

/// Provisioning over the admin endpoints of a spawned service (the in-process tests have their own, in APITests).
enum Provision {
    /// Sets a tenant's billing over `PUT /api/v1/admin/tenants/{tenantId}/subscription`.
    static func subscription(_ service: RunningService, tenantId: String,
                             _ body: [String: Any]) throws -> TestHTTPClient.Response {
        try service.request("PUT", "/api/v1/admin/tenants/\(tenantId)/subscription", json: body,
                            headers: [("Authorization", "Bearer \(RunningService.adminToken)")])
    }
}
