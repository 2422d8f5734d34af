/// The documented shape of one event type's `data`: a JSON Schema (draft 2020-12) and an example that validates
/// against it. `GET /api/v1/event-types` serves both; `EventType.validate(data:for:)` enforces the schema's core
/// (see there). Each family's documentation is data, in its own file (`EventDocumentation+Leads.swift`, ...); the
/// pieces several families share are named once in `EventDocumentation+Fragments.swift`.
///
/// One clean shape per type, each fact once, from which every payload format derives what its document shows
/// (`PayloadFormat.body(eventType:data:context:)`): seed 001's `leadDetails` and `question`/`answer`, seed 002's
/// `content` and `is_from_admin`, seed 003's `closed_at`, ... A seed's own example published under its own event
/// name is brought to this shape first (`EventType.canonicalData(publishedAs:data:)`). Ids are strings on this
/// platform; where a seed shows numeric ids (seed 002) the schema allows integers too.
///
/// Seed 003 documents payloads only for `message.created`; its `conversation.created`, `conversation.closed`,
/// `conversation.needs_human` and `ticket.*` fields here follow that example's style (snake_case, string ids,
/// `conversation_id`, `visitor_*`) and are this product's decision.
///
/// Every schema is an object schema with `additionalProperties: true` at the `data` level (products add custom
/// fields, which pass through to every format), types every listed field, allows
/// `null` where a value can be unknown, and requires only the identifiers a receiver keys on. An `*.updated` type
/// is its `*.created` type plus `changes` (see ``updated(as:description:example:)``).
struct EventDocumentation: Sendable {
    /// The canonical name of the type documented.
    let name: String
    /// The JSON Schema of the type's `data`; member order is the order `GET /api/v1/event-types` shows.
    let schema: JSONValue
    /// An example `data`: it validates against `schema`, and each format's rendering of it carries every field
    /// that format's document shows for the event.
    let example: JSONValue

    /// The documentation of type `name`: an object schema titled "`name` data" that requires the members
    /// `required`, describes `properties` and allows any other member.
    init(_ name: String, description: String, required: JSONValue, properties: JSONValue, example: JSONValue) {
        self.name = name
        schema = Self.merged(
            [
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "title": .string("\(name) data"),
                "description": .string(description),
            ],
            Self.openObject(required: required, properties: properties))
        self.example = example
    }

    private init(name: String, schema: JSONValue, example: JSONValue) {
        self.name = name
        self.schema = schema
        self.example = example
    }

    /// The documentation of `name`, an `*.updated` type, built from this `*.created` one: the same schema under
    /// its own title and description, with a `changes` member added, and this example with `changed` laid over
    /// it (see `JSONValue.merging(_:)`): the values after the change, and `changes` itself.
    func updated(as name: String, description: String, example changed: JSONValue) -> EventDocumentation {
        EventDocumentation(
            name: name,
            schema: schema.merging([
                "title": .string("\(name) data"),
                "description": .string(description),
                "properties": ["changes": Self.changes],
            ]),
            example: example.merging(changed))
    }

    /// The `changes` member of an `*.updated` type: for each changed field, its previous and new value.
    private static let changes: JSONValue = [
        "type": "object",
        "additionalProperties": ["type": "object", "required": ["from", "to"], "properties": ["from": true, "to": true]],
    ]

    /// Every documented type.
    static let all: [EventDocumentation] = [
        visitorCreated, conversationStarted, messageCreated, conversationEscalated, conversationEnded,
        leadCreated, leadUpdated, ticketCreated, ticketUpdated, webhookTest, webhookDisabled, deliveryExhausted,
    ]

    /// The documentation of each canonical name.
    static let byName: [String: EventDocumentation] = all.reduce(into: [:]) { table, documentation in
        table[documentation.name] = documentation
    }

    /// For a type without documentation (none in the catalogue; the tests check): any object.
    static func undocumented(_ name: String) -> EventDocumentation {
        EventDocumentation(
            name: name,
            schema: ["$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "additionalProperties": true],
            example: [:])
    }

    // MARK: webhook.test

    static let webhookTest = EventDocumentation(
        "webhook.test",
        description: "A test send from the dashboard (POST .../webhooks/{id}/test), delivered with X-Webhook-Test: true.",
        required: ["message"],
        properties: [
            "message": string,
            "webhookId": ["type": "string", "description": "The webhook the test was sent to."],
        ],
        example: [
            "message": "This is a test event from your webhook settings.",
            "webhookId": "5b0c7a3e-2f4d-4c1e-9a7b-1d2e3f4a5b6c",
        ])
}
