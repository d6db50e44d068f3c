/** HTML that Salesforce sends where a client expects JSON: the login page and the maintenance page. */
import { escapeHtml } from '../pages/format';

/** The page a request lands on when its session bounced to login. */
export function loginPage(myDomainHost: string): string {
  const action = `https://${escapeHtml(myDomainHost)}`;
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="robots" content="noindex, nofollow">
<title>Login | Salesforce</title>
</head>
<body class="loginBody">
<div id="left" class="pr">
<div id="wrap">
<div id="main">
<div id="wrapper">
<div id="logo_wrapper" class="standard_logo_wrapper mb24"><img id="logo" class="standard_logo" src="/img/logo214.svg" alt="Salesforce"></div>
<div id="content">
<form name="login" id="login_form" method="post" action="${action}" target="_top" autocomplete="off" novalidate="novalidate">
<input type="hidden" name="un" value="">
<label for="username" class="label usernamelabel">Username</label>
<input class="input r4 wide mb16 mt8 username" type="email" value="" name="username" id="username" aria-describedby="error">
<label for="password" class="label">Password</label>
<input class="input r4 wide mb16 mt8 password" type="password" id="password" name="pw" autocomplete="off">
<input class="button r4 wide primary" type="submit" id="Login" name="Login" value="Log In">
</form>
</div>
</div>
</div>
</div>
</div>
</body>
</html>
`;
}

export function maintenancePage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Service Unavailable</title></head>
<body>
<h1>Service Unavailable</h1>
<p>Salesforce is down for scheduled maintenance. We apologize for the inconvenience; please try again later.</p>
</body>
</html>
`;
}
