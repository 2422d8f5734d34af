import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// `GET /api/v1/billing`: the caller's tenant's plan, Webhooks add-on, features and limits, the add-on's prices,
/// what each plan gives, and (while the `webhooks` feature is off) what to buy to turn it on.
struct BillingRoutes: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.get, "/api/v1/billing", access: .authenticated) { _, _, caller in
            // Read now rather than trusting the copy taken at authentication, so a sync is seen at once.
            guard let tenant = try environment.database.read({ try $0.tenants.find(id: caller.tenantId) }) else {
                throw APIError.unauthenticated
            }
            return Responses.json(.ok, Self.json(tenant.subscription))
        }
    }

    /// The billing page of a tenant on `subscription`.
    static func json(_ subscription: Subscription) -> JSON.Value {
        var object = BillingJSON.subscription(subscription)
        object["upgrade"] = subscription.hasWebhooksFeature ? .null : BillingJSON.upgradeOptions
        object["addonPrices"] = BillingJSON.addonPrices
        object["plans"] = BillingJSON.plans
        return .object(object)
    }
}
