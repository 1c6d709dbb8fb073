// A web app that answers nothing (doPost returns no TextOutput): Apps Script then serves an HTML
// page instead of the script's JSON. For tests/webhook/sheets_sink_test.cc.
function doPost(e) {
  Logger.log('received ' + e.postData.length + ' bytes');
}
