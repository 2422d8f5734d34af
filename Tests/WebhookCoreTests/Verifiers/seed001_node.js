const express = require('express');
const app = express();

app.use(express.json());

// Messages webhook endpoint
app.post('/webhooks/messages', (req, res) => {
  // Verify webhook token
  const token = req.headers['x-webhook-token'];
  if (token !== process.env.SITEGPT_MESSAGE_TOKEN) {
    return res.status(401).send('Unauthorized');
  }

  // Process the webhook payload
  const { event, data } = req.body;
  
  if (event === 'ADD_MESSAGE') {
    console.log(`New message in thread ${data.threadId}`);
    console.log(`Question: ${data.question}`);
    console.log(`Answer: ${data.answer}`);
  }
  
  // Your custom logic here
  // - Log to database
  // - Trigger notifications
  // - Update analytics
  
  // Respond quickly
  res.status(200).send('OK');
});

// Escalation webhook endpoint
app.post('/webhooks/escalations', (req, res) => {
  const token = req.headers['x-webhook-token'];
  if (token !== process.env.SITEGPT_ESCALATION_TOKEN) {
    return res.status(401).send('Unauthorized');
  }

  const { event, data } = req.body;
  
  if (event === 'CONVERSATION_ESCALATED') {
    console.log(`Escalation from ${data.user?.name || 'Anonymous'}`);
    console.log(`Dashboard URL: ${data.dashboardUrl}`);
  }
  
  // Your custom logic here
  // - Create support ticket
  // - Notify support team
  // - Send confirmation email
  
  res.status(200).send('OK');
});

// Leads webhook endpoint
app.post('/webhooks/leads', (req, res) => {
  const token = req.headers['x-webhook-token'];
  if (token !== process.env.SITEGPT_LEADS_TOKEN) {
    return res.status(401).send('Unauthorized');
  }

  const { event, data } = req.body;
  
  if (event === 'NEW_LEAD_CAPTURE') {
    console.log(`New lead: ${data.leadDetails.name} (${data.leadDetails.email})`);
    console.log(`Dashboard URL: ${data.dashboardUrl}`);
  }
  
  // Your custom logic here
  // - Add to CRM
  // - Send welcome email
  // - Notify sales team
  
  res.status(200).send('OK');
});

app.listen(3000, () => {
  console.log('Webhook server running on port 3000');
});
