-- ArgoCD health of a nubicustos.io ScanJob (resource.customizations.health.nubicustos.io_ScanJob).
-- Reads what the operator writes: status.observedGeneration, status.phase (Pending, Queued,
-- Running, Succeeded, Failed, Suspended) and the conditions Ready, Succeeded and Failed.
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
  hs.message = "Waiting for the operator to reconcile the ScanJob"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end

local conditions = obj.status.conditions
local ready = condition(conditions, "Ready")
local phase = obj.status.phase
local scheduled = obj.spec ~= nil and obj.spec.schedule ~= nil

-- Ready False: the spec is invalid or a run cannot start (credential, segment, tool, host access).
if ready ~= nil and ready.status == "False" then
  if ready.reason == "CredentialNotValidated" then
    -- The CloudCredential exists and is about to be validated.
    hs.status = "Progressing"
  else
    hs.status = "Degraded"
  end
  hs.message = describe(ready, "The ScanJob cannot run")
  return hs
end

if phase == "Suspended" then
  hs.status = "Suspended"
  hs.message = describe(ready, "spec.suspend is true: no new runs start")
  return hs
end
if phase == "Failed" then
  hs.status = "Degraded"
  hs.message = describe(condition(conditions, "Failed"), "The last run failed")
  return hs
end
if phase == "Succeeded" then
  hs.status = "Healthy"
  hs.message = describe(condition(conditions, "Succeeded"), "The last run succeeded")
  return hs
end
if phase == "Running" or phase == "Queued" then
  -- A scheduled ScanJob runs again and again: while a run is under way its health is that of
  -- the previous run, if it succeeded; a run-once ScanJob (or one without a success yet) progresses.
  local succeeded = condition(conditions, "Succeeded")
  if scheduled and succeeded ~= nil and succeeded.status == "True" then
    hs.status = "Healthy"
    hs.message = "A run is " .. phase .. "; " .. describe(succeeded, "the previous run succeeded")
    return hs
  end
  hs.status = "Progressing"
  hs.message = describe(ready, "A run is " .. phase)
  return hs
end
if phase == "Pending" and scheduled and ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "Waiting for the next scheduled run")
  return hs
end

hs.status = "Progressing"
hs.message = describe(ready, "Waiting for the first run to start")
return hs
