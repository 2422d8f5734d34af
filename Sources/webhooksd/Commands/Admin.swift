import ArgumentParser
import Foundation
import Tenancy
import WebhookCore

/// `webhooksd admin ...`: provisioning from a shell, the same operations as the admin endpoints.
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create tenants, users, chatbots and API keys; set a tenant's plan and add-on; record the deployment's settings.",
        subcommands: [CreateTenant.self, CreateUser.self, CreateChatbot.self, CreateAPIKey.self, SetPlan.self,
                      RecordDeploymentSettings.self])

    /// Runs `body` with a provisioning service and prints what it returns as JSON.
    static func run(_ body: (Provisioning) throws -> some Encodable) throws {
        let settings = try Startup.settings()
        Startup.reporting {
            let database = try Startup.database(settings)
            defer { database.close() }
            print(Output.json(try body(Provisioning(database: database))))
        }
    }

    struct CreateTenant: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a tenant and its owner.")
        @Option(help: "The tenant's name.") var name: String
        @Option(help: "free, starter, pro or scale.") var plan: Plan = .free
        @Option(help: "The owner's email.") var ownerEmail: String
        @Option(help: "The owner's password (at least 10 bytes).") var ownerPassword: String

        func run() throws {
            try Admin.run { provisioning in
                let (tenant, owner) = try provisioning.createTenant(
                    name: name, subscription: Subscription(plan: plan), ownerEmail: ownerEmail, ownerPassword: ownerPassword)
                return ["tenantId": tenant.id.uuidString.lowercased(), "name": tenant.name, "plan": tenant.subscription.plan.rawValue,
                        "ownerId": owner.id.uuidString.lowercased(), "ownerEmail": owner.email]
            }
        }
    }

    struct CreateUser: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a user to a tenant.")
        @Option(help: "The tenant's id.") var tenant: UUID
        @Option(help: "The user's email.") var email: String
        @Option(help: "The user's password (at least 10 bytes).") var password: String
        @Option(help: "owner, admin or member.") var role: Role = .member

        func run() throws {
            try Admin.run { provisioning in
                let user = try provisioning.addUser(tenantId: tenant, email: email, password: password, role: role)
                return ["userId": user.id.uuidString.lowercased(), "tenantId": user.tenantId.uuidString.lowercased(),
                        "email": user.email, "role": user.role.rawValue]
            }
        }
    }

    struct CreateChatbot: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a chatbot for a tenant.")
        @Option(help: "The tenant's id.") var tenant: UUID
        @Option(help: "The chatbot's name.") var name: String

        func run() throws {
            try Admin.run { provisioning in
                let chatbot = try provisioning.createChatbot(tenantId: tenant, name: name)
                return ["chatbotId": chatbot.id.uuidString.lowercased(), "tenantId": chatbot.tenantId.uuidString.lowercased(),
                        "name": chatbot.name]
            }
        }
    }

    struct CreateAPIKey: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create-api-key",
                                                        abstract: "Create an API key; it is printed once.")
        @Option(help: "The tenant's id.") var tenant: UUID
        @Option(help: "A label for the key.") var name: String = "API key"

        func run() throws {
            try Admin.run { provisioning in
                let (record, key) = try provisioning.createAPIKey(tenantId: tenant, name: name)
                return ["apiKeyId": record.id.uuidString.lowercased(), "tenantId": record.tenantId.uuidString.lowercased(),
                        "name": record.name, "key": key]
            }
        }
    }

    struct SetPlan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a tenant's plan and Webhooks add-on.")
        @Option(help: "The tenant's id.") var tenant: UUID
        @Option(help: "free, starter, pro or scale.") var plan: Plan
        @Option(help: "The Webhooks add-on: none, active, past_due or canceled.") var addon: WebhooksAddon.Status = .none
        @Option(help: "The add-on's billing interval: month or year.") var interval: WebhooksAddon.Interval?

        func validate() throws {
            if addon == .active && interval == nil {
                throw ValidationError("--interval month|year is required with --addon active")
            }
        }

        func run() throws {
            try Admin.run { provisioning in
                let tenant = try provisioning.setSubscription(
                    tenantId: tenant, Subscription(plan: plan, webhooksAddon: WebhooksAddon(status: addon, interval: interval)))
                return ["tenantId": tenant.id.uuidString.lowercased(), "plan": tenant.subscription.plan.rawValue,
                        "webhooksAddon": tenant.subscription.webhooksAddon.status.rawValue,
                        "webhooks": tenant.subscription.hasWebhooksFeature ? "on" : "off"]
            }
        }
    }

    struct RecordDeploymentSettings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record this environment's WEBHOOKS_ALLOW_PRIVATE_TARGETS as the deployment's (stop every serve and worker first).")

        func run() throws {
            let settings = try Startup.settings()
            Startup.reporting {
                let database = try Startup.database(settings)
                defer { database.close() }
                print(Output.json(try DeploymentAgreement.record(database, settings: settings)))
            }
        }
    }
}
