app.post("/webhook", express.json(), (req, res) => {
  const secret = req.headers["x-webhook-secret"];
  if (secret !== process.env.SUPPABOT_WEBHOOK_SECRET) {
    return res.status(401).send("Unauthorized");
  }

  const { event, data } = req.body;

  switch (event) {
    case "visitor_created":
      // sync to CRM, send welcome email, etc.
      console.log("New lead:", data.visitor.email);
      break;
    case "conversation_ended":
      // log to analytics, trigger follow-up, etc.
      console.log("Conversation ended:", data.conversation.outcome);
      break;
  }

  res.status(200).send("OK");
});
