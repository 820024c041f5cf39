-- ArgoCD health of a nubicustos.io NetworkSegment (resource.customizations.health.nubicustos.io_NetworkSegment).
-- Reads what the operator writes: status.observedGeneration and the conditions Ready,
-- PoliciesApplied, CertificatesReady and CertManagerMissing.
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
  hs.message = "Waiting for the operator to render the NetworkSegment"
  return hs
end
if obj.metadata.generation ~= nil and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the operator to observe generation " .. obj.metadata.generation
  return hs
end

local conditions = obj.status.conditions
local ready = condition(conditions, "Ready")
if ready == nil or ready.status ~= "True" and ready.status ~= "False" then
  hs.status = "Progressing"
  hs.message = describe(ready, "Waiting for the operator to render the NetworkSegment")
  return hs
end
if ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready, "NetworkPolicies applied")
  return hs
end

-- Not ready. An invalid spec (or a CIDR that overlaps another segment) renders nothing.
if ready.reason == "InvalidSpec" then
  hs.status = "Degraded"
  hs.message = describe(ready, "The NetworkSegment is invalid")
  return hs
end
-- The policies apply, but spec.tls cannot be served: cert-manager is missing, or a service
-- lies outside the segment's namespaces. Waiting does not fix either.
local missing = condition(conditions, "CertManagerMissing")
if missing ~= nil and missing.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(missing, "cert-manager is not installed")
  return hs
end
local certificates = condition(conditions, "CertificatesReady")
if certificates ~= nil and certificates.status == "False" and certificates.reason == "ServiceOutsideSegment" then
  hs.status = "Degraded"
  hs.message = describe(certificates, "A TLS service lies outside the segment")
  return hs
end
-- cert-manager is issuing the certificates.
hs.status = "Progressing"
hs.message = describe(certificates, describe(ready, "Certificates are being issued"))
return hs
