import Foundation
import HTTPServer
import Tenancy
import WebhookCore

/// Provisioning for the rest of the SaaS, with `Authorization: Bearer <ADMIN_TOKEN>`: tenants with their owner,
/// users, the billing sync, chatbots and API keys. The same operations as the `webhooksd admin` commands.
///
/// A wrong or missing token answers 401; without `ADMIN_TOKEN` configured every route answers 404, as if absent.
/// An unknown or malformed tenant id answers 404.
struct AdminRoutes: Sendable {
    let environment: APIEnvironment

    func register(on routes: APIRouter) {
        routes.on(.post, "/api/v1/admin/tenants", access: .admin) { request, _, _ in
            return try createTenant(Responses.body(request))
        }
        routes.on(.post, "/api/v1/admin/tenants/{tenantId}/users", access: .admin) { request, context, _ in
            let tenantId = try Responses.id(context, "tenantId", notFound: "Tenant")
            let body = try Responses.body(request)
            try body.rejectUnknownFields(["email", "password", "role"])
            let email = try body.require("email", body.string("email", maxLength: 254))
            let password = try body.require("password", body.password("password", field: "password"))
            let role = try AdminJSON.enumeration(Role.self, body.string("role", maxLength: 100), field: "role") ?? .member
            let user = try environment.provisioning.addUser(tenantId: tenantId, email: email, password: password, role: role)
            return Responses.json(.created, AdminJSON.user(user))
        }
        routes.on(.put, "/api/v1/admin/tenants/{tenantId}/subscription", access: .admin) { request, context, _ in
            let tenantId = try Responses.id(context, "tenantId", notFound: "Tenant")
            let body = try Responses.body(request)
            try body.rejectUnknownFields(["plan", "webhooksAddon"])
            let subscription = Subscription(plan: try AdminJSON.plan(in: body, required: true),
                                            webhooksAddon: try AdminJSON.addon(in: body))
            let tenant = try environment.provisioning.setSubscription(tenantId: tenantId, subscription)
            return Responses.json(.ok, AdminJSON.tenant(tenant))
        }
        routes.on(.post, "/api/v1/admin/tenants/{tenantId}/chatbots", access: .admin) { request, context, _ in
            let tenantId = try Responses.id(context, "tenantId", notFound: "Tenant")
            let name = try ChatbotJSON.name(from: Responses.body(request))
            let chatbot = try environment.provisioning.createChatbot(tenantId: tenantId, name: name)
            return Responses.json(.created, AdminJSON.chatbot(chatbot))
        }
        routes.on(.post, "/api/v1/admin/tenants/{tenantId}/api-keys", access: .admin) { request, context, _ in
            let tenantId = try Responses.id(context, "tenantId", notFound: "Tenant")
            let name = try APIKeyJSON.name(from: Responses.body(request))
            let (apiKey, key) = try environment.provisioning.createAPIKey(tenantId: tenantId, name: name)
            var object = APIKeyJSON.created(apiKey, key: key)
            object["tenantId"] = .uuid(apiKey.tenantId)
            return Responses.json(.created, .object(object))
        }
    }

    /// `{"name", "plan"?, "webhooksAddon"?, "owner": {"email", "password"}}` → 201 `{"tenant", "owner"}`.
    private func createTenant(_ body: JSONObject) throws -> HTTPResponse {
        try body.rejectUnknownFields(["name", "plan", "webhooksAddon", "owner"])
        let name = try body.require("name", body.displayName("name"))
        let subscription = Subscription(plan: try AdminJSON.plan(in: body, required: false),
                                        webhooksAddon: try AdminJSON.addon(in: body))
        let owner = try body.require("owner", body.object("owner"))
        try owner.rejectUnknownFields(["email", "password"])
        let email = try owner.require("email", owner.string("email", maxLength: 254))
        let password = try owner.require("password", owner.password("password", field: "owner.password"))
        do {
            let (tenant, user) = try environment.provisioning.createTenant(
                name: name, subscription: subscription, ownerEmail: email, ownerPassword: password)
            return Responses.json(.created, ["tenant": AdminJSON.tenant(tenant), "owner": AdminJSON.user(user)])
        } catch TenancyError.emailTaken {
            throw APIError(.conflict, code: "email_taken", message: "This email is already in use.", field: "owner.email")
        }
    }
}
