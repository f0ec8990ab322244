<#ftl output_format="plainText">
${msg("iotShareRevokedText", ownerName, msg("iotResourceTypeDefinite_" + resourceType), resourceName)}
