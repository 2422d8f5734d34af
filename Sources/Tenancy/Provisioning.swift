public import Foundation
import Cryptography
public import Storage
public import WebhookCore

/// Creates tenants, users, API keys and the demo account, and syncs billing: what the admin endpoints and the
/// `webhooksd admin` and `demo` commands call.
public struct Provisioning: Sendable {
    private let database: Database

    /// Creates the provisioning service over `database`.
    public init(database: Database) {
        self.database = database
    }

    /// Creates a tenant on `subscription` with its owner.
    public func createTenant(name: String, subscription: Subscription, ownerEmail: String,
                             ownerPassword: String) throws -> (tenant: Tenant, owner: User) {
        let name = try CredentialRules.name(name, field: "name")
        let email = try CredentialRules.email(ownerEmail, field: "owner.email")
        let password = try CredentialRules.password(ownerPassword, field: "owner.password")
        let hash = PasswordHasher.hash(password: password)
        return try mappingConflicts {
            try database.transaction { session in
                let tenant = try session.tenants.create(name: name, subscription: subscription)
                let owner = try session.users.create(tenantId: tenant.id, email: email, passwordHash: hash, role: .owner)
                return (tenant, owner)
            }
        }
    }

    /// Adds a user to an existing tenant.
    public func addUser(tenantId: UUID, email: String, password: String, role: Role) throws -> User {
        let email = try CredentialRules.email(email)
        let hash = PasswordHasher.hash(password: try CredentialRules.password(password))
        return try mappingConflicts {
            try database.transaction { session in
                guard try session.tenants.find(id: tenantId) != nil else { throw TenancyError.tenantNotFound }
                return try session.users.create(tenantId: tenantId, email: email, passwordHash: hash, role: role)
            }
        }
    }

    /// Replaces a tenant's plan and add-on state; returns the tenant as it now stands.
    public func setSubscription(tenantId: UUID, _ subscription: Subscription) throws -> Tenant {
        try database.transaction(changing: tenantId) { session in
            guard try session.tenants.setSubscription(tenantId: tenantId, subscription),
                  let tenant = try session.tenants.find(id: tenantId)
            else { throw TenancyError.tenantNotFound }
            return tenant
        }
    }

    /// Creates a chatbot for a tenant.
    public func createChatbot(tenantId: UUID, name: String) throws -> Chatbot {
        let name = try CredentialRules.name(name, field: "name")
        return try database.transaction { session in
            guard try session.tenants.find(id: tenantId) != nil else { throw TenancyError.tenantNotFound }
            return try session.chatbots.create(tenantId: tenantId, name: name)
        }
    }

    /// Creates an API key; the returned `key` is the only time it is ever visible.
    public func createAPIKey(tenantId: UUID, name: String) throws -> (apiKey: APIKey, key: String) {
        let name = try CredentialRules.name(name, field: "name")
        let key = APIKeyGenerator.generate()
        let record = try database.transaction { session in
            guard try session.tenants.find(id: tenantId) != nil else { throw TenancyError.tenantNotFound }
            return try session.apiKeys.create(tenantId: tenantId, name: name,
                                              prefix: APIKeyGenerator.prefix,
                                              keyHash: APIKeyGenerator.hash(key))
        }
        return (record, key)
    }

    /// Creates the demo account if it is missing and returns it. The password and API key are derived from
    /// `seed` (the master key), so every run prints the same credentials without storing them in clear.
    public func ensureDemo(seed: [UInt8]) throws -> DemoAccount {
        let email = "demo@example.com"
        let password = "demo-" + Base64.encodeURL(HMACSHA256.authenticate(Array("demo password".utf8), key: seed)).prefix(16)
        let apiKey = APIKeyGenerator.derive(from: seed, label: "demo api key")
        return try database.transaction { session in
            let tenantId: UUID
            if let existing = try session.users.credentials(email: email) {
                tenantId = existing.user.tenantId
                _ = try session.tenants.setSubscription(tenantId: tenantId, Subscription(plan: .scale))
                if !PasswordHasher.verify(password: password, against: existing.passwordHash) {
                    try session.users.setPasswordHash(userId: existing.user.id, PasswordHasher.hash(password: password))
                }
            } else {
                let tenant = try session.tenants.create(name: "Demo", subscription: Subscription(plan: .scale))
                _ = try session.users.create(tenantId: tenant.id, email: email,
                                             passwordHash: PasswordHasher.hash(password: password), role: .owner)
                tenantId = tenant.id
            }
            let chatbot = try session.chatbots.list(tenantId: tenantId).first
                ?? session.chatbots.create(tenantId: tenantId, name: "Demo chatbot")
            if try session.apiKeys.find(keyHash: APIKeyGenerator.hash(apiKey)) == nil {
                _ = try session.apiKeys.create(tenantId: tenantId, name: "Demo key",
                                               prefix: APIKeyGenerator.prefix,
                                               keyHash: APIKeyGenerator.hash(apiKey))
            }
            return DemoAccount(email: email, password: password, tenantId: tenantId, chatbotId: chatbot.id, apiKey: apiKey)
        }
    }

    private func mappingConflicts<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch StorageError.conflict(let constraint) where constraint.hasPrefix("users_email") {
            throw TenancyError.emailTaken
        }
    }
}

/// The demo tenant's credentials, as `webhooksd demo --json` prints them.
public struct DemoAccount: Sendable, Equatable {
    /// The owner's login email.
    public let email: String
    /// The owner's password.
    public let password: String
    /// The demo tenant.
    public let tenantId: UUID
    /// The demo chatbot.
    public let chatbotId: UUID
    /// An API key of the demo tenant.
    public let apiKey: String
}
