import { Button, Checkbox, Flex, FormSelect, FormSelectOption, Radio, Stack, TextInput } from "@patternfly/react-core";
import { MinusCircleIcon, PlusCircleIcon } from "@patternfly/react-icons";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useTranslation } from "react-i18next";
import { ALL_RESOURCES, Permission, ResourceType } from "./profile";
import { PICKABLE_TYPES, ResourcePicker } from "./ResourcePicker";

/** A permission being edited; `key` keeps React's rows apart when one in the middle is removed. */
export type PermissionDraft = Permission & { key: number };

let nextKey = 0;
export const permissionDraft = (permission: Permission): PermissionDraft => ({ ...permission, key: nextKey++ });

/** A new row: all resources of the first type the user may grant, no action ticked yet. */
export const blankPermission = (types: ResourceType[]) => permissionDraft({ type: types[0].type, resource: ALL_RESOURCES, actions: [] });

/** Whether every row can be sent: a resource named and at least one action ticked. */
export const isComplete = (permissions: PermissionDraft[]) =>
  permissions.length > 0 && permissions.every((p) => p.resource.trim() !== "" && p.actions.length > 0);

/**
 * One row per permission: its resource type, all resources of it or one (picked for devices and grounds, typed
 * for the other types), and the type's actions. `types` are those the user may grant; a saved permission of any
 * other catalogue type keeps its own type in its row.
 */
export const PermissionEditor = ({
  permissions,
  types,
  catalogue,
  onChange,
}: {
  permissions: PermissionDraft[];
  types: ResourceType[];
  catalogue: ResourceType[];
  onChange: (permissions: PermissionDraft[]) => void;
}) => {
  const { t } = useTranslation();
  const update = (key: number, change: Partial<Permission>) =>
    onChange(permissions.map((p) => (p.key === key ? { ...p, ...change } : p)));

  return (
    <Stack hasGutter>
      {permissions.length > 0 && (
        <Table variant="compact" aria-label={t("iotProfilePermissions")} data-testid="iot-permissions">
          <Thead>
            <Tr>
              <Th width={20}>{t("iotPermissionType")}</Th>
              <Th width={30}>{t("iotPermissionResources")}</Th>
              <Th>{t("iotPermissionActions")}</Th>
              <Th screenReaderText={t("iotPermissionRemove")} />
            </Tr>
          </Thead>
          <Tbody>
            {permissions.map((permission, index) => {
              const rowTypes = types.some((type) => type.type === permission.type)
                ? types
                : [...types, ...catalogue.filter((type) => type.type === permission.type)];
              const actions = catalogue.find((type) => type.type === permission.type)?.actions ?? [];
              const collection = PICKABLE_TYPES[permission.type];
              const one = permission.resource !== ALL_RESOURCES;
              return (
                <Tr key={permission.key}>
                  <Td dataLabel={t("iotPermissionType")}>
                    <FormSelect
                      id={`iot-permission-type-${index}`}
                      aria-label={t("iotPermissionType")}
                      value={permission.type}
                      onChange={(_, type) => update(permission.key, { type, resource: ALL_RESOURCES, actions: [] })}
                    >
                      {rowTypes.map((type) => (
                        <FormSelectOption key={type.type} value={type.type} label={type.type} />
                      ))}
                    </FormSelect>
                  </Td>
                  <Td dataLabel={t("iotPermissionResources")}>
                    <Stack hasGutter>
                      <Radio
                        id={`iot-permission-all-${index}`}
                        name={`iot-permission-scope-${permission.key}`}
                        label={t("iotPermissionAllResources")}
                        isChecked={!one}
                        onChange={() => update(permission.key, { resource: ALL_RESOURCES })}
                      />
                      <Radio
                        id={`iot-permission-one-${index}`}
                        name={`iot-permission-scope-${permission.key}`}
                        label={t("iotPermissionOneResource")}
                        isChecked={one}
                        onChange={() => update(permission.key, { resource: "" })}
                      />
                      {one &&
                        (collection ? (
                          <ResourcePicker
                            id={`iot-permission-resource-${index}`}
                            collection={collection}
                            value={permission.resource}
                            onChange={(resource) => update(permission.key, { resource })}
                          />
                        ) : (
                          <TextInput
                            id={`iot-permission-resource-${index}`}
                            aria-label={t("iotPermissionResourceId")}
                            placeholder={t("iotPermissionResourceId")}
                            value={permission.resource}
                            validated={permission.resource.trim() ? "default" : "error"}
                            onChange={(_, resource) => update(permission.key, { resource })}
                          />
                        ))}
                    </Stack>
                  </Td>
                  <Td dataLabel={t("iotPermissionActions")}>
                    <Flex columnGap={{ default: "columnGapMd" }} rowGap={{ default: "rowGapSm" }}>
                      {actions.map((action) => (
                        <Checkbox
                          key={action}
                          id={`iot-permission-${index}-action-${action}`}
                          label={action}
                          isChecked={permission.actions.includes(action)}
                          onChange={(_, checked) =>
                            update(permission.key, {
                              actions: checked
                                ? actions.filter((a) => a === action || permission.actions.includes(a))
                                : permission.actions.filter((a) => a !== action),
                            })
                          }
                        />
                      ))}
                    </Flex>
                  </Td>
                  <Td isActionCell>
                    <Button
                      variant="plain"
                      data-testid={`iot-remove-permission-${index}`}
                      aria-label={t("iotPermissionRemove")}
                      onClick={() => onChange(permissions.filter((p) => p.key !== permission.key))}
                    >
                      <MinusCircleIcon />
                    </Button>
                  </Td>
                </Tr>
              );
            })}
          </Tbody>
        </Table>
      )}
      <div>
        <Button
          variant="link"
          isInline
          icon={<PlusCircleIcon />}
          data-testid="iot-add-permission"
          isDisabled={types.length === 0}
          onClick={() => onChange([...permissions, blankPermission(types)])}
        >
          {t("iotPermissionAdd")}
        </Button>
      </div>
    </Stack>
  );
};
