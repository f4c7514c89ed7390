// Add your code here
