import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

export function NoAccess() {
  return (
    <>
      <PageHeader title="No access" />
      <Alert tone="warning" title="You don't have access to this page">
        Your administrator role does not include this area. An Owner can change your role on the Administrators page.
      </Alert>
    </>
  );
}
