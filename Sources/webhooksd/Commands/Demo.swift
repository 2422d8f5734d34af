import ArgumentParser
import Foundation
import Tenancy

/// `webhooksd demo`: creates the demo tenant (Scale plan), its owner, a chatbot and an API key, idempotently.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create the demo tenant if needed and print its credentials.")

    @Flag(help: "Print one JSON object: email, password, tenantId, chatbotId, apiKey.")
    var json = false

    func run() throws {
        let settings = try Startup.settings()
        Startup.reporting {
            let database = try Startup.database(settings)
            defer { database.close() }
            let account = try Provisioning(database: database).ensureDemo(seed: try settings.requireMasterKey())
            if json {
                print(Output.json([
                    "email": account.email, "password": account.password, "apiKey": account.apiKey,
                    "tenantId": account.tenantId.uuidString.lowercased(),
                    "chatbotId": account.chatbotId.uuidString.lowercased(),
                ]))
            } else {
                print("""
                    Demo tenant \(account.tenantId.uuidString.lowercased()) (Scale plan)
                      login:    \(account.email) / \(account.password)
                      chatbot:  \(account.chatbotId.uuidString.lowercased())
                      API key:  \(account.apiKey)
                    """)
            }
        }
    }
}
