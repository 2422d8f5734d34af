import ArgumentParser

/// The service executable: `serve`, `migrate`, `demo` and `admin`.
@main
struct Webhooksd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooksd",
        abstract: "The webhooks backend of a chatbot SaaS.",
        subcommands: [Serve.self, Worker.self, Migrate.self, Demo.self, Admin.self],
        defaultSubcommand: Serve.self)
}
