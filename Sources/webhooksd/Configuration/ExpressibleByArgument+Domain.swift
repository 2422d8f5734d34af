public import ArgumentParser
public import Foundation
public import WebhookCore

// Command-line parsing of the domain's enums and of ids.
extension Plan: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}
extension WebhooksAddon.Status: ExpressibleByArgument {}
extension WebhooksAddon.Interval: ExpressibleByArgument {}
extension UUID: @retroactive ExpressibleByArgument {
    public init?(argument: String) { self.init(uuidString: argument) }
}
