-- ArgoCD health of a nubicustos.io CloudCredential (resource.customizations.health.nubicustos.io_CloudCredential).
-- Reads what the operator writes: status.observedGeneration and the conditions Valid (whether the
-- referenced Secret or workload identity is usable) and RotationDue. The operator mirrors Valid into
-- Ready; Ready is read first, Valid is the fallback for statuses written before it did.
-- ArgoCD runs it without Lua's string library: base functions and the .. operator only.
local hs = {}

local function condition(conditions, kind)
  if conditions == nil then
    return nil
  end
  for _, c in ipairs(conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function describe(c, fallback)
  if c == nil or c.message == nil or c.message == "" then
    return fallback
  end
  if c.reason == nil or c.reason == "" then
    return c.message
  end
  return c.reason .. ": " .. c.message
end

if obj.status == nil or obj.status.observedGeneration == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to validate the CloudCredential"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end

local conditions = obj.status.conditions
local gate = condition(conditions, "Ready")
if gate == nil then
  gate = condition(conditions, "Valid")
end
if gate == nil or gate.status ~= "True" and gate.status ~= "False" then
  hs.status = "Progressing"
  hs.message = describe(gate, "Waiting for the operator to validate the CloudCredential")
  return hs
end
if gate.status == "False" then
  -- InvalidSpec, SecretNotFound, KeyMissing, Malformed...: nothing the operator can fix by waiting.
  hs.status = "Degraded"
  hs.message = describe(gate, "The CloudCredential is not valid")
  return hs
end

-- Valid. A Secret past rotation.maxAge still works: like a certificate in its renewal window it
-- stays Healthy, and says so (the operator also publishes a Warning event).
local rotation = condition(conditions, "RotationDue")
hs.status = "Healthy"
if rotation ~= nil and rotation.status == "True" then
  hs.message = describe(rotation, "Rotation is due")
else
  hs.message = describe(gate, "The CloudCredential is valid")
end
return hs
